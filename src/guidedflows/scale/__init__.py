"""Many flows at once: check's scale options, workers, shards, and merging their results."""
