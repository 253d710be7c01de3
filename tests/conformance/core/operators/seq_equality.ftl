${(seq == seq)?c}
