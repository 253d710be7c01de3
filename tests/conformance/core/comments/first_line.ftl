<#-- header -->
body
