<#function obj><#return {'k': 'v'}></#function>${obj().k}
