"""The text layer: tokens, sentences, paragraphs and quotations, all as offsets into the original string."""
from quotetrace.text.document import Document, analyse

__all__ = ["Document", "analyse"]
