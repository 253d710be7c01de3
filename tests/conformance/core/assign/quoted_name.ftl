<#assign "my-var" = 1>${.vars['my-var']}
