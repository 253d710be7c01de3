<#assign k = 'key'><#assign hh = {k + '1': 1, 'z': 2}>${hh.key1}
