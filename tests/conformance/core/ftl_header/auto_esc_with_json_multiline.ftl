<#ftl
  output_format='JSON'
  auto_esc=true>x