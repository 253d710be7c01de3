${n?sort}
