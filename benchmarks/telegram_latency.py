"""Issue 8 — Telegram latency: a post appears on a local channel preview (t.me/s/<channel> markup) → the
signed webhook reaches a local receiver; p50/p95 over 50 posts, poll interval 2 s, goal p95 ≤ 3 s.

Same harness as alert_latency.py with the source kind forced to "telegram" on a local URL.

Run: python benchmarks/telegram_latency.py [--quick]
"""

from __future__ import annotations

import alert_latency

if __name__ == "__main__":
    alert_latency.main(kind="telegram", name="telegram_latency")
