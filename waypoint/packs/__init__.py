"""Policy packs as data: waypoint/packs/<service>/<pack-name>.yaml, each rule citing its source (docs/policy-packs.md)."""
