"""Actors: the knowledge base, and resolution of actor mentions in a document."""

from .kb import ActorBase, KBActor, add_user_actor, user_kb_path
from .resolve import ActorResolver, mention_at

__all__ = ["ActorBase", "ActorResolver", "KBActor", "add_user_actor", "mention_at", "user_kb_path"]
