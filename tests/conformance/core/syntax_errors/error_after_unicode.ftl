😀😀 ${s?nosuch}
