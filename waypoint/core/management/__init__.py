"""Management commands of the product (demo data and demo sign-ins) and the demo data they load."""
