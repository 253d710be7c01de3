<#noparse><#noparse>x</#noparse></#noparse>
