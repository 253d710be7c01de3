<#ftl output_format='JSON'>
"${html}"
