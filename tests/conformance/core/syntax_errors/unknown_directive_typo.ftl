<#lsit seq as x>${x}</#lsit>
