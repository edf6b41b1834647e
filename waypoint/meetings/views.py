"""Pages for meetings. Each view: permission, form, one service call, a message, a redirect."""
