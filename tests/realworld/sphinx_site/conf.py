# A tiny Sphinx project with the furo theme, as `sphinx-quickstart` plus furo and sphinx-copybutton give it:
# a left sidebar with search, "On this page", previous/next links, a light/dark toggle, admonitions, copy buttons.
project = "Kettle"
author = "The Kettle authors"
copyright = "2026, The Kettle authors"
release = "3.1"
extensions = ["sphinx_copybutton"]
html_theme = "furo"
html_title = "Kettle 3.1"
html_static_path = []
