"""One run of flows: the executor's step loop, the runner, attempts (retries), events and tracing."""
