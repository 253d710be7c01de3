#{pi; m1M3} #{n; m1M3} #{tiny; m2M4}
