"""mediation-kg: knowledge graphs of armed conflicts and the diplomacy around them."""

__version__ = "0.1.0"
