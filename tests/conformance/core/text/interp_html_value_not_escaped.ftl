${html}
