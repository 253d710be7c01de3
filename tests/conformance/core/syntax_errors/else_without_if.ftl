<#else>
