"""Detection: text in, report out (language, sentences, status, numbers, dates, facts)."""
