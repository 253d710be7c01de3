<#ftl>

  
