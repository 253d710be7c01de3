<#ftl output_format='JS..<ON'>
"${html}"