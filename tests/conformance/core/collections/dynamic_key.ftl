<#assign key = 'b'>${h[key]} ${h['' + 'a']}
