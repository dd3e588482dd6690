"""Writing flows: `record`, `import`, drafted steps and files, and `init`'s project scaffold."""
