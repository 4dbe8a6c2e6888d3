"""Pure core: domain values, topic data, detection and event decisions. No I/O, no settings, no clock."""
