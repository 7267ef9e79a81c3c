"""What the book's pages show, made from :mod:`lstm_viz.model`: figures, diagrams, tables, the
explorer, and the browser files (``static/``) that draw them."""
