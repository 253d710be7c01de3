#{pi; x2}
