<#global g>G ${n}</#global>${g}
