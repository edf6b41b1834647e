"""Letters: templates a service edits (versioned), rendered in a sandbox, as PDF; marking one sent."""
