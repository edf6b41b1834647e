"""Pages for plans. Each view: permission, form, one service call, a message, a redirect."""
