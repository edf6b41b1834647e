"""Pages for specialist. Each view: permission, form, one service call, a message, a redirect."""
