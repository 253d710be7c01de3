<#noparse>${x}
