"""The app's routes, one module per area: pages (home, glossary, login), screening,
evidence, cases, the law, and the JSON API."""
