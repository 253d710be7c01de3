{
  "data": {
    "type": "cohort_update",
    "attributes": {
      "name": "${input.cohort_name?json_string}",
      "direction": "${input.in_cohort?then('enter', 'exit')}",
      "members": [
        <#list input.users as user>
        {"id": "${user.user_id?json_string}", "position": ${user?counter}}<#sep>,</#sep>
        </#list>
      ]
    }
  }
}
