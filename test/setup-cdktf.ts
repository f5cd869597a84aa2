// cdktf's jest matchers (toHaveResourceWithProperties, ...), for the construct tests.
import { Testing } from 'cdktf';

Testing.setupJest();
