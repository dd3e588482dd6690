// An open shadow root, as a web component's (the store's payment-settings button is one).
class ShadowCard extends HTMLElement {
  connectedCallback() {
    if (this.shadowRoot) return;
    const root = this.attachShadow({ mode: "open" });
    const button = document.createElement("button");
    button.textContent = "Shadow action";
    const label = document.createElement("label");
    label.textContent = "Shadow field";
    const input = document.createElement("input");
    label.append(input);
    root.append(button, label);
  }
}
customElements.define("shadow-card", ShadowCard);
