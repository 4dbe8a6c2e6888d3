"""Event decisions: grouping reports into events, merging facts, the alert decision, the JSON codec."""
