"""The site stage: the pages (Markdown from Jinja2 templates), the catalogue, hub.json and the CSP."""
