#{pi; m2} #{n; m2} #{half; m1}
