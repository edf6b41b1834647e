"""Pages for assessments. Each view: permission, form, one service call, a message, a redirect."""
