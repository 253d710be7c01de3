<#noparse></#noparse </#noparsex></#noparse>|
