#!/bin/bash
# F5 Billing at 80x24 in Chinese: the month of tui_billing.sh
# (billing_lib.sh) with every word the screen shows in zh_CN.
. "$(dirname "$0")/lib.sh" "$@"
. "$(dirname "$0")/billing_lib.sh"
L=zh_CN

billing_setup
billing_month 80 24
finish
