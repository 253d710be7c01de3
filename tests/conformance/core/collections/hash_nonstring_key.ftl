<#assign hh = {1: 'a'}>${hh['1']}
