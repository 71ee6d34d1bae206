"""What every typed answer goes through before it is read or stored."""

from campaign.normalize import clean_text


def test_control_characters_are_dropped_but_line_breaks_and_tabs_kept() -> None:
    """A NUL is refused by PostgreSQL and a backspace stops a workbook: neither reaches storage
    from a typed answer, while a tip's paragraphs keep their line breaks."""
    typed = "Nguyễn\x00 Văn\x08 A\x7f\ndòng hai\tcột\r\n"
    assert clean_text(typed) == "Nguyễn Văn A\ndòng hai\tcột"
