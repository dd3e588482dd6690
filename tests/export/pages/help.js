// The site's own script starts its tour: window.guidedflows comes from tour.js.
document.getElementById("help").addEventListener("click", () => window.guidedflows.start("controls"));
