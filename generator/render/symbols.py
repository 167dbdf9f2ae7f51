"""The symbols beside a stance or an event status wherever pages show one (badges, grid, map key)."""

from __future__ import annotations

from generator.domain.model import EventStatus, Stance

STANCE_SYMBOLS: dict[Stance, str] = {"supports": "✓", "opposes": "✗", "conditional": "◑", "neutral": "○"}
"""The symbol of each stance: the badges of Markdown pages (`draw_stance_badge`) and the stance grid."""

STATUS_SYMBOLS: dict[EventStatus, str] = {
    "proposed": "○",
    "scheduled": "◐",
    "held": "●",
    "declined": "✗",
    "cancelled": "✗",
}
"""The symbol of each event status: the badges (`draw_status_badge`) and the venues map's key, whose markers
group statuses under `held`, `proposed` and `declined`."""
