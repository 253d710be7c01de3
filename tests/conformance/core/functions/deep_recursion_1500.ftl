<#function down k><#if k == 0><#return 0></#if><#return down(k - 1) + 1></#function>${down(1500)}
