"""Posts in several languages: translation groups, the language switcher, hreflang
links, the root's language negotiation and the back office's translation status."""
