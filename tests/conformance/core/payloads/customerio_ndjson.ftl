<#list input.users as user>
{"identifiers": {"id": "${user.user_id?json_string}"}, "type": "person", "action": "<#if input.in_cohort>add_relationships<#else>delete_relationships</#if>", "cio_relationships": [{"identifiers": {"object_type_id": "1", "object_id": "${input.cohort_id}"}}]}
</#list>
