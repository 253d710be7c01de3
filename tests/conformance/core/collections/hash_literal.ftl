<#assign hh = {'a': 1, "b": 'x'}>${hh.a}${hh['b']}
